package io.github.easemobtoken.autoconfigure;

import io.github.easemobtoken.metrics.EasemobTokenMetrics;
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
 * present and the application has a {@link MeterRegistry}.
 *
 * @author easemob-token
 */
@AutoConfiguration(after = EasemobTokenAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, CachingEasemobTokenProvider.class })
public final class EasemobTokenMetricsAutoConfiguration {

	/**
	 * The meters. The gauge reads the provider lazily: the provider is told of requests
	 * through this bean, so it cannot be a constructor argument.
	 */
	@Bean
	@ConditionalOnMissingBean
	EasemobTokenMetrics easemobTokenMetrics(MeterRegistry meterRegistry, EasemobProperties properties,
			ObjectProvider<CachingEasemobTokenProvider> easemobTokenProvider) {
		return new EasemobTokenMetrics(meterRegistry, EasemobPropertiesValidator.app(properties).appKey(),
				() -> easemobTokenProvider.getObject().status());
	}

}
