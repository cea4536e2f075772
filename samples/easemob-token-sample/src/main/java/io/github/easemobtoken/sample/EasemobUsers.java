package io.github.easemobtoken.sample;

import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * Registers and reads Easemob users. Nothing here deals with tokens:
 * {@code easemobWebClient} adds the app token to every call.
 */
@Service
public class EasemobUsers {

	private final WebClient easemob;

	public EasemobUsers(@Qualifier("easemobWebClient") WebClient easemob) {
		this.easemob = easemob;
	}

	/**
	 * Register a user ({@code POST /users}).
	 * @param username the user name
	 * @param password the password
	 * @return the new user
	 */
	public Mono<EasemobUser> register(String username, String password) {
		return this.easemob.post()
			.uri("/users")
			.bodyValue(List.of(Map.of("username", username, "password", password)))
			.retrieve()
			.bodyToMono(Entities.class)
			.map(Entities::first);
	}

	/**
	 * Read a user ({@code GET /users/{username}}).
	 * @param username the user name
	 * @return the user, or empty if there is none
	 */
	public Mono<EasemobUser> find(String username) {
		return this.easemob.get()
			.uri("/users/{username}", username)
			.retrieve()
			.bodyToMono(Entities.class)
			.map(Entities::first)
			.onErrorResume(WebClientResponseException.class,
					(ex) -> (ex.getStatusCode() == HttpStatus.NOT_FOUND) ? Mono.empty() : Mono.error(ex));
	}

	/** The envelope of Easemob's users API. */
	record Entities(List<EasemobUser> entities) {

		EasemobUser first() {
			return this.entities.get(0);
		}

	}

}
