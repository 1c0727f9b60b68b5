package io.checkpointing.kotlin

import org.springframework.boot.autoconfigure.SpringBootApplication

/** The application of the Kotlin tests: the geometry bean and the starter's auto-configuration. */
@SpringBootApplication
class KotlinApplication
