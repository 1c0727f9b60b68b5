package io.checkpointing.spring.jpa.clinic;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A small Spring Data JPA application on H2: vets, owners and a report on vets. */
@SpringBootApplication(proxyBeanMethods = false)
public class ClinicApplication {

}
