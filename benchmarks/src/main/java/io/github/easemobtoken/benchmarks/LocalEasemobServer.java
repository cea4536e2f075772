package io.github.easemobtoken.benchmarks;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

/**
 * An in-process HTTP stand-in for Easemob on event loops of its own: a token endpoint
 * answering after {@code tokenDelay} in a form both Easemob clients and Spring Security
 * read ({@code access_token}, {@code token_type}, {@code expires_in}), counting requests,
 * and {@code GET /{org}/{app}/users/{name}} answering 200 to any bearer token.
 */
final class LocalEasemobServer implements AutoCloseable {

	private static final String TOKEN_BODY = "{\"access_token\":\"" + Fixtures.ACCESS_TOKEN
			+ "\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"application\":\"8be024f0-e978-11e8-b697-5d598d5f8402\"}";

	private final AtomicInteger tokenRequests = new AtomicInteger();

	private final AtomicInteger issued = new AtomicInteger();

	private final LoopResources loops = LoopResources.create("local-easemob-stub", 1, 1, true);

	private final DisposableServer server;

	LocalEasemobServer(Duration tokenDelay) {
		this(tokenDelay, 0);
	}

	/**
	 * A server whose tokens are numbered and live {@code expiresIn} seconds; with 0, one
	 * token that lives an hour.
	 */
	LocalEasemobServer(Duration tokenDelay, long expiresIn) {
		String app = "/" + Fixtures.ORG + "/" + Fixtures.APP;
		this.server = HttpServer.create()
			.runOn(this.loops)
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes.post(app + "/token", (request, response) -> request.receive()
				.then(Mono.fromRunnable(this.tokenRequests::incrementAndGet))
				.then(Mono.delay(tokenDelay))
				.then(response.header("Content-Type", "application/json")
					.sendString(Mono.fromSupplier(() -> tokenBody(expiresIn)))
					.then()))
				.get(app + "/users/{username}", (request, response) -> {
					String authorization = request.requestHeaders().get("Authorization");
					if (authorization == null || !authorization.startsWith("Bearer ")) {
						return response.status(401).send();
					}
					return response.header("Content-Type", "application/json")
						.sendString(Mono.just("{\"entities\":[]}"))
						.then();
				}))
			.bindNow();
	}

	private String tokenBody(long expiresIn) {
		if (expiresIn == 0) {
			return TOKEN_BODY;
		}
		return "{\"access_token\":\"" + Fixtures.ACCESS_TOKEN + "-" + this.issued.incrementAndGet()
				+ "\",\"expires_in\":" + expiresIn + "}";
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.port();
	}

	String tokenUri() {
		return baseUrl() + "/" + Fixtures.ORG + "/" + Fixtures.APP + "/token";
	}

	int tokenRequests() {
		return this.tokenRequests.get();
	}

	void resetCount() {
		this.tokenRequests.set(0);
	}

	@Override
	public void close() {
		this.server.disposeNow();
		this.loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block();
	}

}
