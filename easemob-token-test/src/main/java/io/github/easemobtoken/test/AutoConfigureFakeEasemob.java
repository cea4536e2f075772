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
 * assert on its request log; it stops when the context closes. Works with
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

}
