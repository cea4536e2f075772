package io.github.easemobtoken.autoconfigure;

import java.util.Locale;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when the app {@code default} keeps its token in Redis: {@code token.store} of
 * its settings, resolved as the beans resolve them ({@code easemob.apps.default.token.store}
 * over {@code easemob.token.store}), so that the store configured is always the store the
 * settings name.
 *
 * @author easemob-token
 */
class OnRedisTokenStoreCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		AppValues app = EasemobPropertiesValidator.defaultAppValues(EasemobAppsConfigured.bind(context));
		String key = app.key("token.store");
		return (app.store() == EasemobProperties.Store.REDIS) ? ConditionOutcome.match(key + " is redis")
				: ConditionOutcome.noMatch(key + " is " + app.store().name().toLowerCase(Locale.ROOT));
	}

}
