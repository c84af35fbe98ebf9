package io.paas.controller.routes;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;

/** Keeps the routers' acknowledgements in the database, so that a restarted controller knows them. */
@ApplicationScoped
public class RouterRegistry {

    @Transactional
    public void save(String router, long generation, Instant at) {
        RouterRecord record = RouterRecord.findById(router);
        if (record == null) {
            record = new RouterRecord();
            record.id = router;
        }
        record.generation = generation;
        record.seenAt = at;
        record.persist();
    }

    @Transactional
    public List<RouterRecord> seenSince(Instant since) {
        return RouterRecord.list("seenAt > ?1", since);
    }
}
