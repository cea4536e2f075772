package io.github.easemobtoken.test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.easemobtoken.EasemobToken;
import io.github.easemobtoken.token.TokenLifecycleListener;

/**
 * Records each 401 reported to the provider as {@code "…0001 dropped"} or
 * {@code "…0001 kept"} (the redacted token and what the provider did with it).
 */
public final class RecordedRejections implements TokenLifecycleListener {

	private final List<String> rejections = new CopyOnWriteArrayList<>();

	@Override
	public void tokenRejected(EasemobToken token, boolean dropped) {
		this.rejections.add(token.redacted() + (dropped ? " dropped" : " kept"));
	}

	public List<String> list() {
		return this.rejections;
	}

}
