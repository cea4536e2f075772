package io.github.easemobtoken.sample;

import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/** Registers and reads Easemob users; {@code easemobWebClient} adds the app token to every call. */
@Service
public class EasemobUsers {

	private final WebClient easemob;

	public EasemobUsers(@Qualifier("easemobWebClient") WebClient easemob) {
		this.easemob = easemob;
	}

	public Mono<EasemobUser> register(String username, String password) {
		return this.easemob.post()
			.uri("/users")
			.bodyValue(List.of(Map.of("username", username, "password", password)))
			.retrieve()
			.bodyToMono(Entities.class)
			.map((found) -> found.entities().get(0));
	}

	public Mono<EasemobUser> find(String username) {
		return this.easemob.get()
			.uri("/users/{username}", username)
			.retrieve()
			.bodyToMono(Entities.class)
			.map((found) -> found.entities().get(0))
			.onErrorResume(WebClientResponseException.NotFound.class, (ex) -> Mono.empty());
	}

	public record EasemobUser(String uuid, String username, boolean activated) {
	}

	record Entities(List<EasemobUser> entities) { // the envelope of Easemob's users API
	}

}
