package io.github.easemobtoken.mvcsample;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/**
 * The part of Easemob's users API this application uses; the starter gives its group,
 * {@code easemob}, the base URL {@code {host}/{org}/{app}} and the app token.
 *
 * @author easemob-token
 */
@HttpExchange("/users")
public interface EasemobUsersApi {

	@PostExchange
	JsonNode register(@RequestBody List<Map<String, String>> users);

	@GetExchange("/{username}")
	JsonNode get(@PathVariable String username);

}
