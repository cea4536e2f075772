package io.github.easemobtoken.autoconfigure;

import io.github.easemobtoken.metrics.EasemobTokenMetrics;
import io.github.easemobtoken.metrics.EasemobUserTokenMetrics;
import io.github.easemobtoken.token.CachingEasemobTokenProvider;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the token meters ({@link EasemobTokenMetrics}) when Micrometer is
 * present and the application has a {@link MeterRegistry}: the bean for the app
 * {@code default}'s provider, and the same meters for each named app, each tagged with
 * its own app key ({@code app=<org>#<app>}). The meters, defined in
 * {@code easemob-token-core}: {@code easemob.token.refresh} (a timer of token requests,
 * {@code outcome}), {@code easemob.token.failures} ({@code reason}),
 * {@code easemob.token.rejections} (401s), {@code easemob.token.expiry} (a gauge, seconds)
 * and {@code easemob.token.store.fallbacks} ({@code operation}).
 *
 * @author easemob-token
 */
@AutoConfiguration(after = EasemobTokenAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, EasemobAppsSettings.class })
public final class EasemobTokenMetricsAutoConfiguration {

	/**
	 * The meters. The gauge reads the provider lazily: the provider is told of requests
	 * through this bean, so it cannot be a constructor argument.
	 */
	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(CachingEasemobTokenProvider.class)
	EasemobTokenMetrics easemobTokenMetrics(MeterRegistry meterRegistry, EasemobAppsSettings easemobAppsSettings,
			ObjectProvider<CachingEasemobTokenProvider> easemobTokenProvider) {
		EasemobAppSettings app = easemobAppsSettings.defaultApp();
		if (app == null) {
			throw new IllegalStateException("easemobTokenMetrics needs the app 'default' (the easemob.* keys)");
		}
		return new EasemobTokenMetrics(meterRegistry, app.app().appKey(), () -> easemobTokenProvider.getObject().status());
	}

	@Bean
	@ConditionalOnMissingBean
	EasemobAppListenerFactory easemobNamedAppMetrics(MeterRegistry meterRegistry) {
		return (appKey, status) -> new EasemobTokenMetrics(meterRegistry, appKey, status);
	}

	/** The meters of each app's user tokens ({@code easemob.user-token.*}). */
	@Bean
	@ConditionalOnMissingBean
	EasemobUserTokenListenerFactory easemobUserTokenMetrics(MeterRegistry meterRegistry) {
		return (appKey) -> new EasemobUserTokenMetrics(meterRegistry, appKey);
	}

}
