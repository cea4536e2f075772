package io.github.easemobtoken.sample.demo;

import java.time.Duration;

import io.github.easemobtoken.EasemobUserToken;
import io.github.easemobtoken.EasemobUserTokens;
import io.github.easemobtoken.sample.EasemobUsers.EasemobUser;
import io.github.easemobtoken.sample.EasemobUsers;
import io.github.easemobtoken.test.FakeEasemob;
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
 * Once the application is up, registers a demo user and reads it back, logs it in (a user
 * token issued by Easemob and a dynamic one signed here, both checked with the fake), then
 * keeps reading it, so that someone watching the log sees calls succeed while tokens come and
 * go.
 */
final class DemoTraffic {

	private static final Log logger = LogFactory.getLog(DemoTraffic.class);

	static final String USERNAME = "demo-user";

	private final EasemobUsers users;

	private final EasemobUserTokens userTokens;

	private final FakeEasemobServer easemob;

	private final Duration interval;

	private final Disposable.Swap traffic = Disposables.swap();

	DemoTraffic(EasemobUsers users, EasemobUserTokens userTokens, FakeEasemobServer easemob, Duration interval) {
		this.users = users;
		this.userTokens = userTokens;
		this.easemob = easemob;
		this.interval = interval;
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		Mono<EasemobUser> registered = this.users.find(USERNAME)
			.switchIfEmpty(Mono.defer(() -> this.users.register(USERNAME, "demo-password")))
			.doOnNext((user) -> logger.info("Demo: registered Easemob user " + user.username() + " (" + user.uuid()
					+ ") and read it back through easemobWebClient"));
		Mono<EasemobUserToken> loggedIn = this.userTokens.issue(USERNAME).doOnNext(this::logIn);
		Flux<EasemobUser> reads = Flux.interval(this.interval)
			.concatMap((tick) -> this.users.find(USERNAME)
				.doOnNext((user) -> logger.info("Demo: read user " + user.username() + " through easemobWebClient"))
				.onErrorResume((ex) -> {
					logger.warn("Demo: reading user " + USERNAME + " failed: " + ex);
					return Mono.empty();
				}));
		this.traffic.update(registered.then(loggedIn)
			.thenMany(reads)
			.subscribe(null, (ex) -> logger.warn("Demo stopped: " + ex)));
	}

	private void logIn(EasemobUserToken issued) {
		EasemobUserToken dynamic = this.userTokens.dynamic(USERNAME);
		FakeEasemob fake = this.easemob.fake();
		boolean accepted = fake.userOf(FakeEasemobServer.APP_KEY, issued.accessToken()).isPresent()
				&& fake.userOf(FakeEasemobServer.APP_KEY, dynamic.accessToken()).isPresent();
		logger.info("Demo: logged " + USERNAME + " in with a user token " + issued.redacted()
				+ " issued by Easemob and a dynamic token " + dynamic.redacted() + " signed here; the fake Easemob "
				+ (accepted ? "accepts both" : "REFUSES them"));
	}

	/** On close, before the HTTP client's event loops stop, so a call in flight ends cleanly. */
	@EventListener(ContextClosedEvent.class)
	void stop() {
		this.traffic.dispose();
	}

}
