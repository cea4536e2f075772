package io.github.easemobtoken.sample.demo;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Just enough of Easemob for the demo: {@code POST /{org}/{app}/token} issues short-lived
 * tokens for the demo credentials, and the users API answers 401 to a missing, unknown or
 * expired bearer token, as Easemob does.
 */
final class FakeEasemob {

	static final String ORG_NAME = "demo-org";

	static final String APP_NAME = "demo-app";

	static final String CLIENT_ID = "demo-client-id";

	static final String CLIENT_SECRET = "demo-client-secret";

	private static final Log logger = LogFactory.getLog(FakeEasemob.class);

	private static final SecureRandom random = new SecureRandom();

	private final Duration tokenLifetime;

	private final String application = UUID.randomUUID().toString();

	private final Map<String, Instant> tokens = new ConcurrentHashMap<>();

	private final Map<String, Map<String, Object>> users = new ConcurrentHashMap<>();

	FakeEasemob(Duration tokenLifetime) {
		this.tokenLifetime = tokenLifetime;
	}

	RouterFunction<ServerResponse> routes() {
		String app = "/" + ORG_NAME + "/" + APP_NAME;
		return RouterFunctions.route()
			.POST(app + "/token", this::token)
			.POST(app + "/users", authorized(this::register))
			.GET(app + "/users/{username}", authorized(this::find))
			.build();
	}

	private Mono<ServerResponse> token(ServerRequest request) {
		return request.bodyToMono(Map.class).flatMap((body) -> {
			if (!CLIENT_ID.equals(body.get("client_id"))) {
				return error(HttpStatus.BAD_REQUEST, "invalid_grant", "client_id does not match");
			}
			if (!CLIENT_SECRET.equals(body.get("client_secret"))) {
				return error(HttpStatus.BAD_REQUEST, "invalid_grant", "client_secret does not match");
			}
			long seconds = (body.get("ttl") instanceof Number ttl) ? ttl.longValue() : this.tokenLifetime.toSeconds();
			String token = "YWMt" + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(45));
			this.tokens.put(token, (seconds == 0) ? Instant.MAX : Instant.now().plusSeconds(seconds));
			logger.info("Fake Easemob issued app token …" + token.substring(token.length() - 4) + ", valid for "
					+ seconds + " s");
			return ServerResponse.ok()
				.bodyValue(Map.of("access_token", token, "expires_in", seconds, "application", this.application));
		});
	}

	private HandlerFunction<ServerResponse> authorized(HandlerFunction<ServerResponse> handler) {
		return (request) -> {
			String authorization = request.headers().firstHeader(HttpHeaders.AUTHORIZATION);
			String token = (authorization != null && authorization.startsWith("Bearer ")) ? authorization.substring(7)
					: "";
			Instant expiresAt = this.tokens.get(token);
			if (expiresAt == null || !Instant.now().isBefore(expiresAt)) {
				return error(HttpStatus.UNAUTHORIZED, "unauthorized",
						"Unable to authenticate due to expired access token");
			}
			return handler.handle(request);
		};
	}

	private Mono<ServerResponse> register(ServerRequest request) {
		return request.bodyToMono(List.class).flatMap((body) -> {
			Map<?, ?> user = (Map<?, ?>) body.get(0);
			String username = String.valueOf(user.get("username"));
			Map<String, Object> entity = Map.of("uuid", UUID.randomUUID().toString(), "type", "user", "username",
					username, "activated", true, "created", System.currentTimeMillis());
			if (this.users.putIfAbsent(username, entity) != null) {
				return error(HttpStatus.BAD_REQUEST, "duplicate_unique_property_exists",
						"Application " + this.application + " Entity user requires that property named username "
								+ "be unique, value of " + username + " exists");
			}
			return entities("post", entity);
		});
	}

	private Mono<ServerResponse> find(ServerRequest request) {
		Map<String, Object> entity = this.users.get(request.pathVariable("username"));
		return (entity != null) ? entities("get", entity)
				: error(HttpStatus.NOT_FOUND, "service_resource_not_found",
						"Service resource not found");
	}

	private Mono<ServerResponse> entities(String action, Map<String, Object> entity) {
		return ServerResponse.ok()
			.bodyValue(Map.of("action", action, "application", this.application, "entities", List.of(entity),
					"organization", ORG_NAME, "applicationName", APP_NAME, "timestamp", System.currentTimeMillis()));
	}

	private static Mono<ServerResponse> error(HttpStatus status, String error, String description) {
		return ServerResponse.status(status)
			.bodyValue(Map.of("error", error, "error_description", description, "timestamp",
					System.currentTimeMillis()));
	}

	private static byte[] randomBytes(int count) {
		byte[] bytes = new byte[count];
		random.nextBytes(bytes);
		return bytes;
	}

}
