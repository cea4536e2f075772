package io.github.easemobtoken.mvcsample;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Opens chat accounts: each becomes an Easemob user.
 *
 * @author easemob-token
 */
@RestController
class AccountController {

	private final EasemobUsersApi users;

	AccountController(EasemobUsersApi users) {
		this.users = users;
	}

	@PostMapping("/accounts")
	Map<String, String> open(@RequestParam String username, @RequestParam String password) {
		JsonNode created = this.users.register(List.of(Map.of("username", username, "password", password)));
		return Map.of("username", username, "uuid", created.path("entities").path(0).path("uuid").asString());
	}

	@GetMapping("/accounts/{username}")
	Map<String, Object> find(@PathVariable String username) {
		JsonNode user = this.users.get(username).path("entities").path(0);
		return Map.of("username", user.path("username").asString(), "activated", user.path("activated").asBoolean());
	}

}
