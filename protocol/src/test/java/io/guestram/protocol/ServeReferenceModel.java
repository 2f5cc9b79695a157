package io.guestram.protocol;

import io.guestram.model.Models;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** A process that serves the reference model, for tests that need a real peer. */
public final class ServeReferenceModel {

    private ServeReferenceModel() {}

    public static void main(String[] args) throws Exception {
        new ProtocolServer(Models::reference).serve(
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), System.out);
    }
}
