package org.sae4j.cli;

import java.io.PrintWriter;

/**
 * Runs the command line under a security manager that refuses every socket (connect, listen, accept, multicast) and
 * prints "NETWORK ..." for each attempt, so a child JVM shows whether a run tries to reach the network from Java
 * (native code is caught by running the child in a network namespace with no interfaces, where it can be).
 */
public final class NoNetworkMain {
    private NoNetworkMain() {
    }

    @SuppressWarnings({"removal", "deprecation"})
    public static void main(String[] args) {
        if (CaptureCommandTest.SECURITY_MANAGER) { // JDK 24 removed it: then the caller's network namespace refuses
            refuseSockets();
        }
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = Main.execute(out, err, args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    @SuppressWarnings({"removal", "deprecation"})
    private static void refuseSockets() {
        System.setSecurityManager(new SecurityManager() {
            @Override
            public void checkPermission(java.security.Permission p) {
                if (p instanceof java.net.SocketPermission) {
                    refuse(p.getName() + " " + p.getActions());
                }
            }

            @Override
            public void checkPermission(java.security.Permission p, Object context) {
                checkPermission(p);
            }

            @Override
            public void checkConnect(String host, int port) {
                refuse("connect " + host + ":" + port);
            }

            @Override
            public void checkConnect(String host, int port, Object context) {
                refuse("connect " + host + ":" + port);
            }

            @Override
            public void checkListen(int port) {
                refuse("listen " + port);
            }

            @Override
            public void checkAccept(String host, int port) {
                refuse("accept " + host + ":" + port);
            }

            @Override
            public void checkMulticast(java.net.InetAddress a) {
                refuse("multicast " + a);
            }

            private void refuse(String what) {
                System.out.println("NETWORK " + what);
                System.out.flush();
                throw new SecurityException("no network: " + what);
            }
        });
    }
}
