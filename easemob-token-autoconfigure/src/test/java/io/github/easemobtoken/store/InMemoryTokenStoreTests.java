package io.github.easemobtoken.store;

import io.github.easemobtoken.EasemobToken;
import io.github.easemobtoken.test.EasemobStub;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link InMemoryTokenStore}: keeps the last token and forgets it only while it is the
 * one held.
 */
class InMemoryTokenStoreTests {

	private final InMemoryTokenStore store = new InMemoryTokenStore();

	private final EasemobToken first = new EasemobToken(EasemobStub.token(1), null, null);

	private final EasemobToken second = new EasemobToken(EasemobStub.token(2), null, null);

	@Test
	void shouldBeEmptyAtFirst() {
		assertThat(this.store.get().blockOptional()).isEmpty();
	}

	@Test
	void shouldKeepTheLastTokenPut() {
		this.store.put(this.first).block();
		this.store.put(this.second).block();
		assertThat(this.store.get().block()).isEqualTo(this.second);
	}

	@Test
	void shouldRemoveATokenOnlyWhileItIsTheOneHeld() {
		this.store.put(this.second).block();
		this.store.remove(this.first).block();
		assertThat(this.store.get().block()).isEqualTo(this.second);
		this.store.remove(this.second).block();
		assertThat(this.store.get().blockOptional()).isEmpty();
	}

	@Test
	void shouldDoNothingUntilSubscribed() {
		this.store.put(this.first);
		assertThat(this.store.get().blockOptional()).isEmpty();
	}

}
