package io.checkpointing.spring.autoconfigure;

import io.checkpointing.spring.CheckpointAspect;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * {@code checkpointing.order}, apart from {@link CheckpointingProperties} because the advisors it
 * orders are created while bean post-processors are set up, before the properties beans: they
 * bind it from the {@link Environment} themselves ({@link #of}).
 */
@ConfigurationProperties("checkpointing")
public class CheckpointingOrderProperties {

	/**
	 * The order of the advisors of @Checkpoint and @CheckpointEvict among a bean's advisors, in
	 * checkpointing.mode=proxy: lower is outer. The default, Ordered.LOWEST_PRECEDENCE - 1000,
	 * is outside @Transactional and @Cacheable at their default order: a hit opens no
	 * transaction, and a miss stores its result once the method's transaction has ended.
	 */
	private int order = CheckpointAspect.DEFAULT_ORDER;

	public int getOrder() {
		return this.order;
	}

	public void setOrder(int order) {
		this.order = order;
	}

	/**
	 * @param environment the application's environment
	 * @return the order it sets, or the default
	 */
	static int of(Environment environment) {
		return Binder.get(environment)
			.bind("checkpointing", CheckpointingOrderProperties.class)
			.orElseGet(CheckpointingOrderProperties::new)
			.getOrder();
	}

}
