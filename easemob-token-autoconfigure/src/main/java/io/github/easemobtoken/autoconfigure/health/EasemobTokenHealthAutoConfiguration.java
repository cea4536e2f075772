package io.github.easemobtoken.autoconfigure.health;

import io.github.easemobtoken.autoconfigure.EasemobTokenAutoConfiguration;
import io.github.easemobtoken.token.CachingEasemobTokenProvider;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code easemobToken} health indicator, when Spring Boot's
 * health support is present; {@code management.health.easemobtoken.enabled=false} turns it
 * off.
 *
 * @author easemob-token
 */
@AutoConfiguration(after = EasemobTokenAutoConfiguration.class,
		beforeName = "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration")
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(CachingEasemobTokenProvider.class)
@ConditionalOnEnabledHealthIndicator("easemobtoken")
public final class EasemobTokenHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "easemobTokenHealthIndicator")
	EasemobTokenHealthIndicator easemobTokenHealthIndicator(CachingEasemobTokenProvider easemobTokenProvider) {
		return new EasemobTokenHealthIndicator(easemobTokenProvider::status, easemobTokenProvider.appKey());
	}

}
