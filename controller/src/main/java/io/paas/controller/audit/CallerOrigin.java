package io.paas.controller.audit;

import jakarta.enterprise.context.RequestScoped;

/**
 * Who calls, and from which address, for the request being served: the address from the connection
 * ({@link CallerAddressFilter}), the actor from whoever authenticated the request (a user's name, or the
 * builder or the router). Services record their entries with it without every signature carrying both.
 */
@RequestScoped
public class CallerOrigin {
    private String actor;
    private String address;

    public String actor() {
        return actor;
    }

    public String address() {
        return address;
    }

    void actor(String actor) {
        this.actor = actor;
    }

    void address(String address) {
        this.address = address;
    }
}
