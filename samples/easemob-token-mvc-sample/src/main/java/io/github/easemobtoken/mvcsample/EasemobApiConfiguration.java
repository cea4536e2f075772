package io.github.easemobtoken.mvcsample;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.service.registry.ImportHttpServices;

/**
 * Imports {@link EasemobUsersApi} into the group {@code easemob}, the one the starter
 * configures for the app of the flat {@code easemob.*} keys.
 *
 * @author easemob-token
 */
@Configuration(proxyBeanMethods = false)
@ImportHttpServices(group = "easemob", types = EasemobUsersApi.class)
class EasemobApiConfiguration {

}
