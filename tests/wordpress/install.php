<?php
/*
 * Installs the test WordPress through WordPress's own code (Debian has no WP-CLI):
 * wp_install(), pretty permalinks, the site's time zone, and an application
 * password for the admin, printed as JSON for the harness, which seeds the rest
 * through the REST API. Run by tests/e2e/wordpress.mjs with ZIAR_WP_ROOT (the
 * docroot), ZIAR_WP_URL and ZIAR_WP_DB_SOCKET set.
 */
if (PHP_SAPI !== 'cli') {
    exit(1);
}
define('WP_INSTALLING', true);
define('ABSPATH', rtrim(getenv('ZIAR_WP_ROOT'), '/') . '/');
$_SERVER['HTTP_HOST'] = parse_url(getenv('ZIAR_WP_URL'), PHP_URL_HOST) . ':' . parse_url(getenv('ZIAR_WP_URL'), PHP_URL_PORT);
$_SERVER['REQUEST_URI'] = '/';
require ABSPATH . 'wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';

function ziar_fail($step, $detail) {
    fwrite(STDERR, "install.php: $step failed: $detail\n");
    exit(1);
}

if (is_blog_installed()) {
    ziar_fail('wp_install', 'WordPress is already installed in this database');
}
$result = wp_install('Curierul de Valea Verde', 'redactia', 'redactia@example.test', false, '', 'ziar-test-admin-password', '');
if (empty($result['user_id'])) {
    ziar_fail('wp_install', var_export($result, true));
}
$admin = (int) $result['user_id'];
wp_update_user(['ID' => $admin, 'display_name' => 'Redacția', 'nickname' => 'Redacția', 'first_name' => 'Redacția']);

// wp_install's sample post, page and comment are English: the seed writes its own.
foreach (get_posts(['post_type' => ['post', 'page'], 'post_status' => 'any', 'numberposts' => -1]) as $p) {
    wp_delete_post($p->ID, true);
}
wp_update_term((int) get_option('default_category'), 'category', ['name' => 'Diverse', 'slug' => 'diverse']);

// A Romanian newsroom: local dates (`date`) differ from `date_gmt` by two or three hours.
update_option('timezone_string', 'Europe/Chisinau');
update_option('gmt_offset', '');
update_option('blogdescription', 'Știri locale de test');
update_option('posts_per_page', 10);
// The REST API under /wp-json/ needs pretty permalinks.
global $wp_rewrite;
$wp_rewrite->set_permalink_structure('/%postname%/');
$wp_rewrite->flush_rules(false);

if (!wp_is_application_passwords_available()) {
    ziar_fail('application passwords', 'not available (WP_ENVIRONMENT_TYPE must be local over http)');
}
$created = WP_Application_Passwords::create_new_application_password($admin, ['name' => 'ziar-tests']);
if (is_wp_error($created)) {
    ziar_fail('application password', $created->get_error_message());
}
echo json_encode(['user' => 'redactia', 'password' => $created[0], 'user_id' => $admin]), "\n";
