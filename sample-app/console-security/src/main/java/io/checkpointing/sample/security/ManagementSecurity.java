package io.checkpointing.sample.security;

import io.checkpointing.spring.console.CheckpointsConsoleEndpoint;

import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The rule docs/observability.md recommends for the checkpoints console, as it is written there:
 * the management endpoints for administrators (health for anyone), HTTP Basic, and the CSRF
 * token in a cookie that the console's script sends back with its Evict request.
 */
@Configuration(proxyBeanMethods = false)
class ManagementSecurity {

	@Bean
	SecurityFilterChain management(HttpSecurity http) throws Exception {
		http.securityMatcher(EndpointRequest.toAnyEndpoint())
			.authorizeHttpRequests((requests) -> requests
				.requestMatchers(EndpointRequest.to("health")).permitAll()
				.requestMatchers(EndpointRequest.to(CheckpointsConsoleEndpoint.class)).hasRole("ADMIN")
				.anyRequest().hasRole("ADMIN"))
			.httpBasic(Customizer.withDefaults())
			// The Evict button is a POST from the page's script: it sends the XSRF-TOKEN cookie back in
			// the X-XSRF-TOKEN header, which is what the cookie token repository of spa() expects.
			.csrf((csrf) -> csrf.spa());
		return http.build();
	}

}
