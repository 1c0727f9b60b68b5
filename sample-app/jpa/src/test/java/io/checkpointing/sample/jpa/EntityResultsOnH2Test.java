package io.checkpointing.sample.jpa;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

@SpringBootTest(properties = "checkpointing.backend=memory")
@Import(RecordingConfiguration.class)
class EntityResultsOnH2Test extends EntityResultsContract {

}
