package io.github.easemobtoken.autoconfigure;

import java.net.http.HttpClient;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.reactive.JdkClientHttpConnector;

/**
 * The threads the starter starts in a context, stopped with it: a scheduler for the refresh
 * timers, the callers that waited for a token and the timeouts (rather than Reactor's
 * global one, whose threads would outlive the context of a servlet application), and the
 * JDK {@code HttpClient}s the starter builds with their executor. Those clients are built
 * here from the application's HTTP client settings (timeouts, SSL bundle, redirects),
 * not by Boot's JDK builder, so that they can be closed, on JDK 17 too (see
 * {@link ClosableHttpClient}).
 *
 * @author easemob-token
 */
final class EasemobThreads implements DisposableBean {

	private final Scheduler scheduler = Schedulers.newParallel("easemob-token",
			Math.max(2, Runtime.getRuntime().availableProcessors()), true);

	private final ExecutorService httpClientExecutor = Executors.newCachedThreadPool(new Named("easemob-http-"));

	private final List<ClosableHttpClient> httpClients = new CopyOnWriteArrayList<>();

	Scheduler scheduler() {
		return this.scheduler;
	}

	/** Connectors on a JDK {@code HttpClient} of this context's own. */
	ClientHttpConnectorBuilder<JdkClientHttpConnector> jdkConnectors() {
		return (settings) -> {
			JdkClientHttpConnector connector = new JdkClientHttpConnector(
					keep(HttpClientDefaults.jdkHttpClient(settings, this.httpClientExecutor)));
			if (settings.readTimeout() != null) {
				connector.setReadTimeout(settings.readTimeout());
			}
			return connector;
		};
	}

	/** Request factories on a JDK {@code HttpClient} of this context's own. */
	ClientHttpRequestFactoryBuilder<JdkClientHttpRequestFactory> jdkRequestFactories() {
		return (settings) -> {
			JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(
					keep(HttpClientDefaults.jdkHttpClient(settings, this.httpClientExecutor)));
			if (settings.readTimeout() != null) {
				factory.setReadTimeout(settings.readTimeout());
			}
			return factory;
		};
	}

	private HttpClient keep(HttpClient built) {
		ClosableHttpClient client = new ClosableHttpClient(built);
		this.httpClients.add(client);
		return client;
	}

	@Override
	public void destroy() {
		this.scheduler.dispose();
		this.httpClients.forEach(ClosableHttpClient::release);
		this.httpClients.clear();
		this.httpClientExecutor.shutdownNow();
	}

	@Override
	public String toString() {
		return "EasemobThreads[" + (this.scheduler.isDisposed() ? "stopped" : "running") + "]";
	}

	private static final class Named implements ThreadFactory {

		private final String prefix;

		private final AtomicInteger count = new AtomicInteger();

		Named(String prefix) {
			this.prefix = prefix;
		}

		@Override
		public Thread newThread(Runnable task) {
			Thread thread = new Thread(task, this.prefix + this.count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		}

	}

}
