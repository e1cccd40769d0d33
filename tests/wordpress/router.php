<?php
/*
 * Router for `php -S` (tests/e2e/wordpress.mjs). The docroot is a private copy of
 * /usr/share/wordpress made of symlinks plus our wp-config.php; PHP resolves the
 * symlinks, so wp-load.php would find Debian's wp-config.php next to itself unless
 * ABSPATH already names the docroot. So: define it, then run the requested script
 * ourselves; anything that is not a file (the REST API's /wp-json/...) goes to
 * index.php, as pretty permalinks expect.
 */
define('ABSPATH', rtrim($_SERVER['DOCUMENT_ROOT'], '/') . '/');
$path = rawurldecode(parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH) ?? '/');
if (str_contains($path, '..')) {
    http_response_code(400);
    exit;
}
$file = ABSPATH . ltrim($path, '/');
if (is_dir($file)) {
    $file = rtrim($file, '/') . '/index.php';
}
if (is_file($file) && !str_ends_with($file, '.php')) {
    return false; // a static file (an uploaded image): php -S serves it
}
if (!is_file($file)) {
    $file = ABSPATH . 'index.php';
    $path = '/index.php';
}
$script = '/' . ltrim(substr($file, strlen(ABSPATH)), '/');
$_SERVER['SCRIPT_NAME'] = $script;
$_SERVER['PHP_SELF'] = $script;
$_SERVER['SCRIPT_FILENAME'] = $file;
chdir(dirname($file));
require $file;
