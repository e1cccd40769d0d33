<?php
/*
 * Ziar's test WordPress (tests/e2e/wordpress.mjs). Linked into a private docroot
 * under target/ in place of Debian's /usr/share/wordpress/wp-config.php, which
 * reads /etc/wordpress/config-<host>.php: with this file no root is needed and
 * parallel runs don't share a config. Everything per-run comes from the
 * environment the harness gives `php -S` and the PHP CLI scripts.
 */
$ziar_env = function ($name) {
    $v = getenv($name);
    if ($v === false || $v === '') {
        fwrite(STDERR, "Ziar test WordPress: $name is not set (start it through tests/e2e/wordpress.mjs)\n");
        exit(1);
    }
    return $v;
};

define('DB_NAME', 'wordpress');
define('DB_USER', 'root');
define('DB_PASSWORD', '');
// The harness's own mariadbd listens on this unix socket only (--skip-networking).
define('DB_HOST', 'localhost:' . $ziar_env('ZIAR_WP_DB_SOCKET'));
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
$table_prefix = 'wp_';

// The port changes from run to run while the seeded database is reused: the
// URLs WordPress builds come from here, never from the stored siteurl/home.
define('WP_HOME', $ziar_env('ZIAR_WP_URL'));
define('WP_SITEURL', WP_HOME);
define('WP_CONTENT_DIR', ABSPATH . 'wp-content');
define('WP_CONTENT_URL', WP_HOME . '/wp-content');

// Application passwords over plain http need the "local" environment type.
define('WP_ENVIRONMENT_TYPE', 'local');
// No background work and no outbound requests (update checks, cron over loopback).
define('DISABLE_WP_CRON', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_AUTO_UPDATE_CORE', false);
define('WP_DEBUG', false);

// Fixed test-only keys: this WordPress only ever listens on 127.0.0.1.
define('AUTH_KEY', 'ziar-test-auth-key');
define('SECURE_AUTH_KEY', 'ziar-test-secure-auth-key');
define('LOGGED_IN_KEY', 'ziar-test-logged-in-key');
define('NONCE_KEY', 'ziar-test-nonce-key');
define('AUTH_SALT', 'ziar-test-auth-salt');
define('SECURE_AUTH_SALT', 'ziar-test-secure-auth-salt');
define('LOGGED_IN_SALT', 'ziar-test-logged-in-salt');
define('NONCE_SALT', 'ziar-test-nonce-salt');

unset($ziar_env);

require_once ABSPATH . 'wp-settings.php';
