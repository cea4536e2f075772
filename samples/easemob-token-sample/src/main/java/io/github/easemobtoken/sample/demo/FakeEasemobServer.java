package io.github.easemobtoken.sample.demo;

import java.time.Duration;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.reactive.function.server.RouterFunctions;

/**
 * Starts the {@link FakeEasemob} on a free port of its own before any bean is created,
 * and points the {@code easemob.*} properties at it. A bean factory post-processor,
 * because the properties must be in place before {@code easemob.*} is bound.
 */
final class FakeEasemobServer implements BeanFactoryPostProcessor, EnvironmentAware, DisposableBean {

	private static final Log logger = LogFactory.getLog(FakeEasemobServer.class);

	private @Nullable ConfigurableEnvironment environment;

	private @Nullable DisposableServer server;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = (ConfigurableEnvironment) environment;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		ConfigurableEnvironment environment = this.environment;
		Duration tokenLifetime = Binder.get(environment)
			.bind("sample.demo.token-lifetime", Duration.class)
			.orElse(Duration.ofSeconds(30));
		FakeEasemob easemob = new FakeEasemob(tokenLifetime);
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle(new ReactorHttpHandlerAdapter(RouterFunctions.toHttpHandler(easemob.routes())))
			.bindNow();
		String host = "http://127.0.0.1:" + this.server.port();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("fakeEasemob",
					Map.of("easemob.host", host, "easemob.org-name", FakeEasemob.ORG_NAME, "easemob.app-name",
							FakeEasemob.APP_NAME, "easemob.client-id", FakeEasemob.CLIENT_ID, "easemob.client-secret",
							FakeEasemob.CLIENT_SECRET)));
		logger.info("Demo mode: a fake Easemob is listening on " + host + " (app " + FakeEasemob.ORG_NAME + "#"
				+ FakeEasemob.APP_NAME + ", tokens valid for " + tokenLifetime.toSeconds() + " s)");
	}

	@Override
	public void destroy() {
		if (this.server != null) {
			this.server.disposeNow();
		}
	}

}
