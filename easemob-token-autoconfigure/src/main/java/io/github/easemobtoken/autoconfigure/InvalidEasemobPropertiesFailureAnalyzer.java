package io.github.easemobtoken.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link InvalidEasemobPropertiesException} at startup: every wrong key, what
 * is wrong, and where in the Easemob console its value is.
 *
 * @author easemob-token
 */
class InvalidEasemobPropertiesFailureAnalyzer extends AbstractFailureAnalyzer<InvalidEasemobPropertiesException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidEasemobPropertiesException cause) {
		StringBuilder description = new StringBuilder("The Easemob configuration is not valid:\n");
		for (InvalidEasemobPropertiesException.Violation violation : cause.getViolations()) {
			description.append("\n    Property: ").append(violation.key());
			description.append("\n    Problem:  ").append(violation.problem()).append('\n');
		}
		String action = "Update your application's configuration: application.yml, where a placeholder such as "
				+ "client-secret: ${EASEMOB_CLIENT_SECRET} reads the environment variable you name, or environment "
				+ "variables that bind the keys directly (upper case, '.' as '_', dashes dropped: EASEMOB_CLIENTSECRET "
				+ "for easemob.client-secret). The values are on your app's Application Info page (应用详情) in the "
				+ "Easemob console (https://console.easemob.com). To turn easemob-token off, set easemob.enabled=false.";
		return new FailureAnalysis(description.toString(), action, cause);
	}

}
