package io.github.easemobtoken.test;

import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A {@link FakeEasemob} for the tests of one class, started before them and stopped
 * after; its tokens, users, faults and request log are reset before each test. Register
 * it as a static field, and give its {@link FakeEasemob#properties()} to whatever you
 * test (or take the fake as a test method parameter):
 *
 * <pre class="code">
 * &#064;RegisterExtension
 * static final FakeEasemobExtension easemob = new FakeEasemobExtension();
 * </pre>
 *
 * @author easemob-token
 */
public final class FakeEasemobExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback,
		ParameterResolver {

	private final UnaryOperator<FakeEasemob.Builder> configuration;

	private @Nullable FakeEasemob easemob;

	/** A fake serving {@value FakeEasemob#ORG_NAME}#{@value FakeEasemob#APP_NAME}. */
	public FakeEasemobExtension() {
		this(UnaryOperator.identity());
	}

	/**
	 * A fake configured by {@code configuration}.
	 * @param configuration what to do to the builder: apps, token lifetime, clock
	 */
	public FakeEasemobExtension(UnaryOperator<FakeEasemob.Builder> configuration) {
		this.configuration = configuration;
	}

	/**
	 * The running fake.
	 * @return the fake
	 * @throws IllegalStateException outside the tests of the class
	 */
	public FakeEasemob fake() {
		if (this.easemob == null) {
			throw new IllegalStateException("The fake Easemob runs only during the tests of the class that registers it");
		}
		return this.easemob;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		this.easemob = this.configuration.apply(FakeEasemob.builder()).build();
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		fake().reset();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		if (this.easemob != null) {
			this.easemob.close();
			this.easemob = null;
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == FakeEasemob.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		return fake();
	}

}
