package io.github.easemobtoken.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;

/**
 * Matches servlet and non-web applications, where a blocking client belongs; not WebFlux
 * applications, where a call that blocks would stall an event loop.
 *
 * @author easemob-token
 */
class NotReactiveWebApplicationCondition extends NoneNestedConditions {

	NotReactiveWebApplicationCondition() {
		super(ConfigurationPhase.PARSE_CONFIGURATION);
	}

	@ConditionalOnWebApplication(type = Type.REACTIVE)
	private static final class ReactiveWebApplication {

	}

}
