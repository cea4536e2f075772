package io.github.easemobtoken.test;

import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Resets the {@link FakeEasemob} of an {@link AutoConfigureFakeEasemob} test after each
 * test method, unless the annotation says otherwise: a cached context outlives the test
 * method, and so would the fake's faults, users and request log. Registered in
 * {@code META-INF/spring.factories}.
 *
 * @author easemob-token
 */
class FakeEasemobResetTestExecutionListener implements TestExecutionListener, Ordered {

	@Override
	public int getOrder() {
		// afterTestMethod runs in reverse order: this one first, before a dirtied context is closed.
		return Ordered.LOWEST_PRECEDENCE - 100;
	}

	@Override
	public void afterTestMethod(TestContext testContext) {
		MergedAnnotation<AutoConfigureFakeEasemob> annotation = MergedAnnotations
			.from(testContext.getTestClass(), MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
			.get(AutoConfigureFakeEasemob.class);
		if (!annotation.isPresent() || !annotation.getBoolean("resetAfterEachTest")
				|| !testContext.hasApplicationContext()) {
			return;
		}
		ApplicationContext context = testContext.getApplicationContext();
		context.getBeanProvider(FakeEasemob.class).ifAvailable(FakeEasemob::reset);
	}

}
