package io.checkpointing.sample.jpa;

import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest
class RepositoryCheckpointsOnH2Test extends RepositoryCheckpointsContract {

}
