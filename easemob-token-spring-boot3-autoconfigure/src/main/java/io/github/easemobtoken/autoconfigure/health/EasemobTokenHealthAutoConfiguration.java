package io.github.easemobtoken.autoconfigure.health;

import java.util.Map;

import io.github.easemobtoken.autoconfigure.EasemobAppBeans;
import io.github.easemobtoken.autoconfigure.EasemobAppsAutoConfiguration;
import io.github.easemobtoken.autoconfigure.EasemobAppsSettings;
import io.github.easemobtoken.autoconfigure.EasemobTokenAutoConfiguration;
import io.github.easemobtoken.token.CachingEasemobTokenProvider;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Auto-configuration of the {@code easemobToken} health contributor, when Spring Boot's
 * health support is present: an {@link EasemobTokenHealthIndicator} for one app, a
 * composite of one per app name when there are several.
 * {@code management.health.easemobtoken.enabled=false} turns it off. Spring Boot 3's health API.
 *
 * @author easemob-token
 */
@AutoConfiguration(after = { EasemobTokenAutoConfiguration.class, EasemobAppsAutoConfiguration.class },
		beforeName = "org.springframework.boot.actuate.autoconfigure.health.HealthContributorAutoConfiguration")
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(EasemobAppsSettings.class)
@Conditional(EasemobTokenHealthReport.OurProviders.class)
@ConditionalOnEnabledHealthIndicator("easemobtoken")
public final class EasemobTokenHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "easemobTokenHealthIndicator")
	HealthContributor easemobTokenHealthIndicator(ObjectProvider<CachingEasemobTokenProvider> easemobTokenProvider,
			ObjectProvider<EasemobAppBeans<CachingEasemobTokenProvider>> easemobNamedTokenProviders) {
		Map<String, EasemobTokenHealthIndicator> indicators = EasemobTokenHealthReport.perApp(easemobTokenProvider,
				easemobNamedTokenProviders,
				(provider) -> new EasemobTokenHealthIndicator(provider::status, provider.appKey()));
		return (indicators.size() == 1) ? indicators.values().iterator().next()
				: CompositeHealthContributor.fromMap(indicators);
	}

}
