package io.github.easemobtoken.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code easemob.token.store} binds to {@code redis}: read with the binder,
 * as {@link EasemobProperties} reads it ({@code Redis}, {@code REDIS} alike), so that the
 * store configured is always the store the properties name.
 *
 * @author easemob-token
 */
class OnRedisTokenStoreCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		EasemobProperties.Store store = Binder.get(context.getEnvironment())
			.bind("easemob.token.store", EasemobProperties.Store.class)
			.orElse(EasemobProperties.Store.MEMORY);
		return (store == EasemobProperties.Store.REDIS) ? ConditionOutcome.match("easemob.token.store is redis")
				: ConditionOutcome.noMatch("easemob.token.store is " + store.name().toLowerCase(java.util.Locale.ROOT));
	}

}
