package io.github.easemobtoken.sample.demo;

import java.time.Duration;

import io.github.easemobtoken.sample.EasemobUsers.EasemobUser;
import io.github.easemobtoken.sample.EasemobUsers;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;

/**
 * Once the application is up, registers a demo user and reads it back, then keeps reading
 * it, so that someone watching the log sees calls succeed while tokens come and go.
 */
final class DemoTraffic {

	private static final Log logger = LogFactory.getLog(DemoTraffic.class);

	static final String USERNAME = "demo-user";

	private final EasemobUsers users;

	private final Duration interval;

	private final Disposable.Swap traffic = Disposables.swap();

	DemoTraffic(EasemobUsers users, Duration interval) {
		this.users = users;
		this.interval = interval;
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		Mono<EasemobUser> registered = this.users.find(USERNAME)
			.switchIfEmpty(Mono.defer(() -> this.users.register(USERNAME, "demo-password")))
			.doOnNext((user) -> logger.info("Demo: registered Easemob user " + user.username() + " (" + user.uuid()
					+ ") and read it back through easemobWebClient"));
		Flux<EasemobUser> reads = Flux.interval(this.interval)
			.concatMap((tick) -> this.users.find(USERNAME)
				.doOnNext((user) -> logger.info("Demo: read user " + user.username() + " through easemobWebClient"))
				.onErrorResume((ex) -> {
					logger.warn("Demo: reading user " + USERNAME + " failed: " + ex);
					return Mono.empty();
				}));
		this.traffic.update(registered.thenMany(reads).subscribe(null, (ex) -> logger.warn("Demo stopped: " + ex)));
	}

	/** On close, before the HTTP client's event loops stop, so a call in flight ends cleanly. */
	@EventListener(ContextClosedEvent.class)
	void stop() {
		this.traffic.dispose();
	}

}
