package io.github.easemobtoken.sample.demo;

import java.time.Duration;
import java.util.LinkedHashMap;

import io.github.easemobtoken.test.FakeEasemob;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts the test kit's {@link FakeEasemob} on a free port before any bean is created, and
 * points the {@code easemob.*} properties at it. A bean factory post-processor, because
 * the properties must be in place before {@code easemob.*} is bound.
 */
final class FakeEasemobServer implements BeanFactoryPostProcessor, EnvironmentAware, DisposableBean {

	static final String APP_KEY = "demo-org#demo-app";

	private static final Log logger = LogFactory.getLog(FakeEasemobServer.class);

	private @Nullable ConfigurableEnvironment environment;

	private @Nullable FakeEasemob easemob;

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
		this.easemob = FakeEasemob.builder()
			.app(APP_KEY, "demo-client-id", "demo-client-secret")
			.tokenLifetime(tokenLifetime)
			.build();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("fakeEasemob", new LinkedHashMap<String, Object>(this.easemob.properties())));
		logger.info("Demo mode: a fake Easemob is listening on " + this.easemob.baseUrl() + " (app " + APP_KEY
				+ ", tokens valid for " + tokenLifetime.toSeconds() + " s)");
	}

	/** The fake, once the context has started it: the demo asks it whether a user token is valid. */
	FakeEasemob fake() {
		FakeEasemob easemob = this.easemob;
		if (easemob == null) {
			throw new IllegalStateException("the fake Easemob has not started");
		}
		return easemob;
	}

	@Override
	public void destroy() {
		if (this.easemob != null) {
			this.easemob.close();
		}
	}

}
