package io.github.easemobtoken.autoconfigure;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.github.easemobtoken.autoconfigure.InvalidEasemobPropertiesException.Violation;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches unless {@code easemob.enabled} is false. It reads the value as Spring's binder
 * reads a boolean ({@code true}/{@code on}/{@code yes}/{@code 1} and
 * {@code false}/{@code off}/{@code no}/{@code 0}, any case), so that the condition and the
 * bound {@link EasemobProperties#isEnabled()} always agree; any other value (a typo, an
 * unresolved placeholder) stops startup naming the key, rather than silently switching
 * the starter off.
 *
 * @author easemob-token
 */
class OnEasemobEnabledCondition extends SpringBootCondition {

	static final String KEY = "easemob.enabled";

	private static final Set<String> TRUE = Set.of("true", "on", "yes", "1");

	private static final Set<String> FALSE = Set.of("false", "off", "no", "0");

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		String value = raw(context);
		if (value == null) {
			return ConditionOutcome.match(KEY + " is not set");
		}
		if (value.isBlank()) {
			throw invalid("is empty; set true or false, or leave it out: the starter is enabled by default");
		}
		String normalized = value.strip().toLowerCase(Locale.ROOT);
		if (TRUE.contains(normalized)) {
			return ConditionOutcome.match(KEY + " is " + value);
		}
		if (FALSE.contains(normalized)) {
			return ConditionOutcome.noMatch(KEY + " is " + value);
		}
		throw invalid("'" + value + "' is not a boolean; set true or false (on/off, yes/no and 1/0 are read as "
				+ "booleans too), or leave it out: the starter is enabled by default");
	}

	private static @Nullable String raw(ConditionContext context) {
		try {
			String value = context.getEnvironment().getProperty(KEY);
			if (value != null && value.contains("${")) {
				throw invalid("contains the unresolved placeholder " + value + "; set the variable it names, or "
						+ "remove " + KEY);
			}
			return value;
		}
		catch (IllegalArgumentException ex) {
			// Spring could not resolve a placeholder in the value; its message quotes only the value.
			throw invalid("could not be read: " + ex.getMessage() + "; set the variable it names, or remove " + KEY);
		}
	}

	private static InvalidEasemobPropertiesException invalid(String problem) {
		return new InvalidEasemobPropertiesException(List.of(new Violation(KEY, problem)));
	}

}
