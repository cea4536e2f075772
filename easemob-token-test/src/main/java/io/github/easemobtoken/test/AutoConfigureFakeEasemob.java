package io.github.easemobtoken.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Starts a {@link FakeEasemob} for a Spring test context and points {@code easemob.*} at
 * it: the first app as the app {@code default} ({@code easemob.host}, {@code app-key},
 * {@code client-id}, {@code client-secret}), each further app as
 * {@code easemob.apps.<its app name>}. The fake is a bean, to autowire into the test and
 * assert on its request log; it is reset after each test method (see
 * {@link #resetAfterEachTest()}) and stops when the context closes. Its properties are put
 * first among the environment's sources, so they win over the application's own
 * {@code application.yml}. Works with
 * {@code @SpringBootTest} for WebFlux and Spring MVC applications alike.
 *
 * <pre class="code">
 * &#064;SpringBootTest
 * &#064;AutoConfigureFakeEasemob
 * class UsersTests {
 *
 *     &#064;Autowired
 *     FakeEasemob easemob;
 *     …
 * }
 * </pre>
 *
 * @author easemob-token
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface AutoConfigureFakeEasemob {

	/**
	 * The apps the fake serves, {@code org#app}; empty for
	 * {@value FakeEasemob#ORG_NAME}#{@value FakeEasemob#APP_NAME}. Apps after the first get
	 * the client ID {@code <app>-client-id} and secret {@code <app>-client-secret}.
	 * @return the app keys
	 */
	String[] apps() default {};

	/**
	 * How long tokens live, as a {@link java.time.Duration} string ({@code PT2H}) or in
	 * Spring Boot's form ({@code 2h}, {@code 30s}).
	 * @return the lifetime
	 */
	String tokenLifetime() default "2h";

	/**
	 * Whether {@code ttl} and {@code expires_in} are milliseconds, as on the VIP 5 cluster
	 * (then {@code easemob.ttl-unit=milliseconds} is set too).
	 * @return {@code true} for milliseconds
	 */
	boolean milliseconds() default false;

	/**
	 * Whether the fake is {@link FakeEasemob#reset() reset} after each test method: its
	 * users, revocations, faults, delays and request log cleared, the tokens it issued kept
	 * valid, so that tests sharing a cached context start from a clean fake without
	 * {@code @DirtiesContext}. Set {@code false} for tests that build on each other's state.
	 * @return {@code true} to reset after each test method
	 */
	boolean resetAfterEachTest() default true;

}
