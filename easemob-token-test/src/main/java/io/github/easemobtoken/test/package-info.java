/**
 * A fake Easemob for tests: {@link io.github.easemobtoken.test.FakeEasemob} (the token API,
 * a users API, faults, a request log), {@link io.github.easemobtoken.test.AutoConfigureFakeEasemob}
 * for {@code @SpringBootTest}, and {@link io.github.easemobtoken.test.FakeEasemobExtension}
 * for plain JUnit 5 tests.
 */
@NullMarked
package io.github.easemobtoken.test;

import org.jspecify.annotations.NullMarked;
