package io.github.easemobtoken.autoconfigure.actuate;

import java.util.ArrayList;
import java.util.List;

import io.github.easemobtoken.autoconfigure.EasemobProperties;
import io.github.easemobtoken.autoconfigure.EasemobTokenAutoConfiguration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of {@link EasemobClientSecretSanitizingFunction} when Actuator is
 * present. Spring Boot hides every value of {@code env} and {@code configprops} by default,
 * but shows them all once an application asks for values; the Easemob admin secret stays
 * masked either way.
 *
 * @author easemob-token
 */
@AutoConfiguration(after = EasemobTokenAutoConfiguration.class)
@ConditionalOnClass(SanitizingFunction.class)
@ConditionalOnBean(EasemobProperties.class)
public final class EasemobSecretSanitizingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "easemobClientSecretSanitizingFunction")
	EasemobClientSecretSanitizingFunction easemobClientSecretSanitizingFunction(EasemobProperties properties) {
		return EasemobClientSecretSanitizingFunction.of(() -> {
			List<@Nullable String> secrets = new ArrayList<>();
			secrets.add(properties.getClientSecret());
			properties.getApps().values().forEach((app) -> secrets.add(app.getClientSecret()));
			return secrets;
		});
	}

}
