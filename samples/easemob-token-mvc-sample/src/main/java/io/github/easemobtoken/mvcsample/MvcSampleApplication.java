package io.github.easemobtoken.mvcsample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring MVC application that registers Easemob users through an
 * {@code @ImportHttpServices} client of the group {@code easemob}: no Netty on its class path.
 *
 * @author easemob-token
 */
@SpringBootApplication
public class MvcSampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(MvcSampleApplication.class, args);
	}

}
