package io.checkpointing.sample.jpa;

import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest
class EntityResultsOnH2Test extends EntityResultsContract {

}
