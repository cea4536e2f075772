package io.github.easemobtoken.mvcsample;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

/** Registers and reads Easemob users; {@code easemobRestClient} adds the app token to every call. */
@Service
public class EasemobUsers {

	private final RestClient easemob;

	public EasemobUsers(@Qualifier("easemobRestClient") RestClient easemob) {
		this.easemob = easemob;
	}

	public EasemobUser register(String username, String password) {
		return this.easemob.post()
			.uri("/users")
			.body(List.of(Map.of("username", username, "password", password)))
			.retrieve()
			.body(Entities.class)
			.entities()
			.get(0);
	}

	public Optional<EasemobUser> find(String username) {
		try {
			Entities found = this.easemob.get().uri("/users/{username}", username).retrieve().body(Entities.class);
			return Optional.of(found.entities().get(0));
		}
		catch (HttpClientErrorException.NotFound ex) {
			return Optional.empty();
		}
	}

	public record EasemobUser(String uuid, String username, boolean activated) {
	}

	record Entities(List<EasemobUser> entities) { // the envelope of Easemob's users API
	}

}
