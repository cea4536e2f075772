package io.github.easemobtoken.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Which apps the configuration names, read with the binder as {@link EasemobProperties}
 * is: the app {@code default} (the flat keys) unless only named apps are configured, and
 * the named apps of {@code easemob.apps}.
 *
 * @author easemob-token
 */
final class EasemobAppsConfigured {

	private EasemobAppsConfigured() {
	}

	/** The properties as the conditions see them: bound as the properties bean will be. */
	static EasemobProperties bind(ConditionContext context) {
		try {
			return Binder.get(context.getEnvironment()).bindOrCreate("easemob", EasemobProperties.class);
		}
		catch (BindException ex) {
			// The properties bean will fail to bind and report it; until then, assume the usual.
			return new EasemobProperties();
		}
	}

	/** Matches when the app {@code default} is configured. */
	static final class DefaultApp extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return EasemobPropertiesValidator.configuresDefaultApp(bind(context))
					? ConditionOutcome.match("the app 'default' is configured")
					: ConditionOutcome.noMatch("only named apps (easemob.apps) are configured");
		}

	}

	/** Matches when {@code easemob.apps} names an app other than {@code default}. */
	static final class NamedApps extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			boolean named = bind(context).getApps().keySet().stream().anyMatch((name) -> !AppValues.DEFAULT.equals(name));
			return named ? ConditionOutcome.match("easemob.apps names apps") : ConditionOutcome.noMatch("no easemob.apps");
		}

	}

}
