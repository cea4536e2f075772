package io.github.easemobtoken.reliability;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

/**
 * A fast Easemob stub for load: a token endpoint issuing numbered tokens that live
 * {@code lifetime}, and {@code GET /{org}/{app}/users/{name}} answering 200 to a token it
 * issued that has not expired and 401 to anything else. It records which tokens calls
 * used. It runs on event loops of its own: a closing application context shuts down
 * Reactor Netty's global ones.
 */
final class LocalEasemob implements AutoCloseable {

	private final Duration lifetime;

	private final Map<String, Long> expiries = new ConcurrentHashMap<>();

	private final Set<String> tokensUsed = ConcurrentHashMap.newKeySet();

	private final AtomicInteger tokenRequests = new AtomicInteger();

	private final LongAdder accepted = new LongAdder();

	private final LongAdder rejected = new LongAdder();

	private final LoopResources loops = LoopResources.create("soak-stub", 1, 1, true);

	private final DisposableServer server;

	LocalEasemob(Duration lifetime) {
		this.lifetime = lifetime;
		this.server = HttpServer.create()
			.runOn(this.loops)
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes.post("/easemob-demo/testapp/token", (request, response) -> request.receive()
				.then(Mono.fromSupplier(this::issue))
				.flatMap((body) -> response.header("Content-Type", "application/json").sendString(Mono.just(body)).then()))
				.get("/easemob-demo/testapp/users/{username}", (request, response) -> {
					String authorization = request.requestHeaders().get("Authorization");
					String token = (authorization != null) ? authorization.substring("Bearer ".length()) : "";
					Long expiry = this.expiries.get(token);
					if (expiry == null || System.nanoTime() >= expiry) {
						this.rejected.increment();
						return response.status(401).sendString(Mono.just("{\"error\":\"unauthorized\"}")).then();
					}
					this.tokensUsed.add(token);
					this.accepted.increment();
					return response.header("Content-Type", "application/json")
						.sendString(Mono.just("{\"entities\":[]}"))
						.then();
				}))
			.bindNow();
	}

	private String issue() {
		String token = "soak-token-" + this.tokenRequests.incrementAndGet() + "-aaaaaaaaaaaaaaaaaaaaaaaa";
		this.expiries.put(token, System.nanoTime() + this.lifetime.toNanos());
		return "{\"access_token\":\"" + token + "\",\"expires_in\":" + this.lifetime.toSeconds()
				+ ",\"application\":\"8be024f0-e978-11e8-b697-5d598d5f8402\"}";
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.port();
	}

	int tokenRequests() {
		return this.tokenRequests.get();
	}

	int tokensUsed() {
		return this.tokensUsed.size();
	}

	long accepted() {
		return this.accepted.sum();
	}

	long rejected() {
		return this.rejected.sum();
	}

	@Override
	public void close() {
		this.server.disposeNow();
		this.loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block();
	}

}
