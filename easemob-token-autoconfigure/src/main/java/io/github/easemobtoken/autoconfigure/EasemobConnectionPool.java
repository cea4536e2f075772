package io.github.easemobtoken.autoconfigure;

import java.time.Duration;

import reactor.netty.resources.ConnectionProvider;

import org.springframework.beans.factory.DisposableBean;

/**
 * The Reactor Netty connection pool of {@code easemobWebClient}, closed with the context.
 * A burst beyond {@code easemob.max-connections} waits for a connection, up to
 * {@code easemob.response-timeout}, rather than failing.
 *
 * @author easemob-token
 */
final class EasemobConnectionPool implements DisposableBean {

	/**
	 * Pooled connections idle longer than this are not reused: servers close idle
	 * keep-alive connections, and a request sent on one that was just closed fails.
	 */
	static final Duration MAX_IDLE_TIME = Duration.ofSeconds(20);

	private final ConnectionProvider connectionProvider;

	EasemobConnectionPool(EasemobAppSettings app) {
		this.connectionProvider = ConnectionProvider
			.builder(AppValues.DEFAULT.equals(app.name()) ? "easemob" : "easemob-" + app.name())
			.maxConnections(app.maxConnections())
			.pendingAcquireMaxCount(-1)
			.pendingAcquireTimeout(app.responseTimeout())
			.maxIdleTime(MAX_IDLE_TIME)
			.build();
	}

	ConnectionProvider connectionProvider() {
		return this.connectionProvider;
	}

	@Override
	public void destroy() {
		this.connectionProvider.dispose();
	}

}
