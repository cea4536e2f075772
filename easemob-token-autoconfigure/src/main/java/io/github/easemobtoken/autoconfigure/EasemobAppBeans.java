package io.github.easemobtoken.autoconfigure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.DisposableBean;

/**
 * The beans of the named apps of {@code easemob.apps} (token providers, WebClients,
 * RestClients), one each by app name, built by the auto-configuration from
 * {@link EasemobAppsSettings}. The app {@code default} is not among them: its beans are
 * the usual {@code easemobTokenProvider}, {@code easemobWebClient} and
 * {@code easemobRestClient}. Use {@link io.github.easemobtoken.EasemobApps} to reach them.
 *
 * @param <T> the type of bean
 * @author easemob-token
 */
public final class EasemobAppBeans<T> implements DisposableBean {

	private final Map<String, T> beans;

	private final List<? extends DisposableBean> resources;

	EasemobAppBeans(Map<String, T> beans) {
		this(beans, List.of());
	}

	/** Beans that hold resources of their own (connection pools), closed with them. */
	EasemobAppBeans(Map<String, T> beans, List<? extends DisposableBean> resources) {
		this.beans = Collections.unmodifiableMap(new LinkedHashMap<>(beans));
		this.resources = List.copyOf(resources);
	}

	/**
	 * The beans by app name, in the order the apps were configured.
	 * @return the beans
	 */
	public Map<String, T> asMap() {
		return this.beans;
	}

	/** Close what can be closed: the providers (their timers), the connection pools. */
	@Override
	public void destroy() {
		List<Object> closeables = new ArrayList<>(this.beans.values());
		closeables.addAll(this.resources);
		for (Object bean : closeables) {
			try {
				if (bean instanceof AutoCloseable closeable) {
					closeable.close();
				}
				else if (bean instanceof DisposableBean disposable) {
					disposable.destroy();
				}
			}
			catch (Exception ex) {
				throw new IllegalStateException("Could not close " + bean, ex);
			}
		}
	}

	@Override
	public String toString() {
		return "EasemobAppBeans" + this.beans.keySet();
	}

}
