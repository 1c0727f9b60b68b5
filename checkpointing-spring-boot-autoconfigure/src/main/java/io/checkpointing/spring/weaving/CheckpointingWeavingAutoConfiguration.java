package io.checkpointing.spring.weaving;

import io.checkpointing.engine.CheckpointEngine;
import io.checkpointing.spring.autoconfigure.CheckpointingMode;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;

/**
 * Binds the AspectJ-woven aspect to the application context for its life: to the context's
 * engine in {@code checkpointing.mode=aspectj} (the proxy aspect is then absent), to none in
 * {@code proxy} mode, so no method is advised twice. Defined whether or not the weaver is
 * present: without it, the binding costs nothing.
 */
@AutoConfiguration
public final class CheckpointingWeavingAutoConfiguration {

	/**
	 * A bean post-processor, so that the context is bound before its beans are created; it
	 * reads the mode from the environment, as the properties bean does not exist that early.
	 */
	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static WovenAspectBinding checkpointWovenAspectBinding(Environment environment,
			ObjectProvider<CheckpointEngine> engine) {
		CheckpointingMode mode = Binder.get(environment)
			.bind("checkpointing.mode", CheckpointingMode.class)
			.orElse(CheckpointingMode.PROXY);
		return (mode == CheckpointingMode.ASPECTJ) ? WovenAspectBinding.aspectjMode(engine)
				: WovenAspectBinding.proxyMode();
	}

}
