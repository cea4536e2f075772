package io.github.easemobtoken.autoconfigure;

import java.time.Duration;

import io.github.easemobtoken.EasemobToken;
import io.github.easemobtoken.EasemobTokenProvider;
import io.github.easemobtoken.autoconfigure.health.EasemobTokenHealthAutoConfiguration;
import io.github.easemobtoken.autoconfigure.health.EasemobTokenHealthIndicator;
import io.github.easemobtoken.metrics.EasemobTokenMetrics;
import io.github.easemobtoken.test.FakeEasemobExtension;
import io.github.easemobtoken.test.FixedTokenProvider;
import io.github.easemobtoken.test.TestApp;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.github.easemobtoken.test.BootLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static io.github.easemobtoken.test.TestApp.CLIENT_ID;
import static io.github.easemobtoken.test.TestApp.CLIENT_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the metrics and health auto-configurations apply, and that the starter works
 * without Micrometer or Boot's health module.
 */
class EasemobTokenObservabilityAutoConfigurationTests {

	@RegisterExtension
	static final FakeEasemobExtension easemob = TestApp.fake();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EasemobTokenAutoConfiguration.class,
				EasemobTokenMetricsAutoConfiguration.class, EasemobTokenHealthAutoConfiguration.class))
		.withPropertyValues("easemob.host=" + easemob.fake().baseUrl(), "easemob.app-key=easemob-demo#testapp",
				"easemob.client-id=" + CLIENT_ID, "easemob.client-secret=" + CLIENT_SECRET);

	private static EasemobToken token(org.springframework.context.ApplicationContext context) {
		return context.getBean(EasemobTokenProvider.class).getToken().block(Duration.ofSeconds(5));
	}

	@Test
	void shouldRegisterTheMetersInBootsMeterRegistry() {
		TestApp.issueTokens(easemob, 3600);
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(BootLine.METRICS))
			.run((context) -> {
				assertThat(context).hasSingleBean(EasemobTokenMetrics.class);
				token(context);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("easemob.token.refresh")
					.tag("app", "easemob-demo#testapp")
					.tag("outcome", "success")
					.timer()
					.count()).isEqualTo(1);
				assertThat(registry.get("easemob.token.expiry").gauge().value()).isBetween(3590.0, 3600.0);
			});
	}

	@Test
	void shouldRegisterTheMetersInAUserMeterRegistry() {
		TestApp.issueTokens(easemob, 3600);
		this.contextRunner.withBean(SimpleMeterRegistry.class).run((context) -> {
			token(context);
			assertThat(context.getBean(SimpleMeterRegistry.class)
				.get("easemob.token.refresh")
				.tag("outcome", "success")
				.timer()
				.count()).isEqualTo(1);
		});
	}

	@Test
	void shouldObserveTokenRequestsInTheApplicationsObservationRegistry() {
		TestApp.issueTokens(easemob, 3600);
		java.util.List<String> observed = new java.util.concurrent.CopyOnWriteArrayList<>();
		this.contextRunner.withBean(io.micrometer.observation.ObservationRegistry.class, () -> {
			io.micrometer.observation.ObservationRegistry registry = io.micrometer.observation.ObservationRegistry.create();
			registry.observationConfig().observationHandler((context) -> {
				observed.add(context.getName());
				return false;
			});
			return registry;
		}).run((context) -> {
			token(context);
			assertThat(observed).containsExactly("easemob.token.request");
		});
	}

	@Test
	void shouldRegisterNoMetersWithoutAMeterRegistry() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(EasemobTokenMetrics.class));
	}

	@Test
	void shouldStartAndWorkWithoutMicrometer() {
		TestApp.issueTokens(easemob, 3600);
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.micrometer")).run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(EasemobTokenMetrics.class);
			assertThat(token(context).accessToken()).isEqualTo(TestApp.token(1));
		});
	}

	@Test
	void shouldContributeTheEasemobTokenHealthIndicator() {
		TestApp.issueTokens(easemob, 3600);
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(BootLine.HEALTH))
			.run((context) -> {
				assertThat(context).hasBean("easemobTokenHealthIndicator");
				Object indicator = BootLine.registeredHealth(context, "easemobToken");
				assertThat(indicator).isInstanceOf(EasemobTokenHealthIndicator.class);
				assertThat(BootLine.health(indicator).status()).isEqualTo("UNKNOWN");
				token(context);
				assertThat(BootLine.health(indicator).status()).isEqualTo("UP");
			});
	}

	@Test
	void shouldFollowBootsHealthIndicatorEnabledProperty() {
		this.contextRunner.withPropertyValues("management.health.easemobtoken.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(EasemobTokenHealthIndicator.class));
		this.contextRunner.withPropertyValues("management.health.defaults.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(EasemobTokenHealthIndicator.class));
	}

	@Test
	void shouldStartAndWorkWithoutBootsHealthModule() {
		TestApp.issueTokens(easemob, 3600);
		this.contextRunner.withClassLoader(new FilteredClassLoader(BootLine.HEALTH_INDICATOR)).run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(EasemobTokenHealthIndicator.class);
			assertThat(token(context).accessToken()).isEqualTo(TestApp.token(1));
		});
	}

	@Test
	void shouldLeaveMetricsAndHealthToAUserDefinedProvider() {
		this.contextRunner.withBean(SimpleMeterRegistry.class)
			.withBean("myProvider", EasemobTokenProvider.class, FixedTokenProvider::new)
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(EasemobTokenMetrics.class)
				.doesNotHaveBean(EasemobTokenHealthIndicator.class));
	}

}
