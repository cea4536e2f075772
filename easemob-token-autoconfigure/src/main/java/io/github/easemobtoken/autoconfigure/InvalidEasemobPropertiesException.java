package io.github.easemobtoken.autoconfigure;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code easemob.*} properties are missing, blank or contradict each other. The
 * message and {@link InvalidEasemobPropertiesFailureAnalyzer} name each key in its
 * documented form and say where its value comes from.
 *
 * @author easemob-token
 */
final class InvalidEasemobPropertiesException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient List<Violation> violations;

	InvalidEasemobPropertiesException(List<Violation> violations) {
		super("Invalid Easemob configuration: "
				+ violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
		this.violations = List.copyOf(violations);
	}

	List<Violation> getViolations() {
		return this.violations;
	}

	/**
	 * One property and what is wrong with it.
	 *
	 * @param key the property, such as {@code easemob.client-secret}
	 * @param problem what is wrong and what to set it to
	 */
	record Violation(String key, String problem) {

		@Override
		public String toString() {
			return this.key + " " + this.problem;
		}

	}

}
