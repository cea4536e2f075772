package io.github.easemobtoken.test;

import java.util.Map;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * A {@link FakeEasemob} for the tests of one class, started before them and stopped
 * after; its users, faults and request log are reset before each test (the tokens it
 * issued stay valid). Register it as a static field, and point what you test at it with
 * {@link #initializer()} (which puts its properties ahead of the application's own), its
 * {@link #propertySource()} or its {@link #properties()}; or take the fake as a test method
 * parameter:
 *
 * <pre class="code">
 * &#064;RegisterExtension
 * static final FakeEasemobExtension easemob = new FakeEasemobExtension();
 *
 * ApplicationContextRunner runner = new ApplicationContextRunner()
 *     .withInitializer(easemob.initializer());
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

	/**
	 * The {@code easemob.*} properties that point the starter at the fake.
	 * @return the properties
	 * @see FakeEasemob#properties()
	 */
	public Map<String, String> properties() {
		return fake().properties();
	}

	/**
	 * The {@link #properties()} as a property source, to put first.
	 * @return the property source
	 * @see FakeEasemob#propertySource()
	 */
	public MapPropertySource propertySource() {
		return fake().propertySource();
	}

	/**
	 * An initializer that puts the fake's properties ahead of the application's own
	 * configuration. It may be created before the fake starts (in a field of the test);
	 * it reads the fake when the context is initialized.
	 * @return the initializer
	 * @see FakeEasemob#initializer()
	 */
	public ApplicationContextInitializer<ConfigurableApplicationContext> initializer() {
		return (context) -> fake().initializer().initialize(context);
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
