<?php
/*
 * Draws a small featured image with GD for the seed: a two-colour gradient, a
 * few shapes and a caption-free band, so each post's picture differs.
 * Usage: php image.php OUT.(jpg|png) WIDTH HEIGHT RRGGBB RRGGBB SEED
 */
[$_, $out, $w, $h, $from, $to, $seed] = $argv + [null, null, 1200, 675, '1d4e89', 'f2a541', 1];
$w = (int) $w;
$h = (int) $h;
mt_srand((int) $seed);
$img = imagecreatetruecolor($w, $h);
$rgb = fn ($hex) => array_map('hexdec', str_split($hex, 2));
[$r1, $g1, $b1] = $rgb($from);
[$r2, $g2, $b2] = $rgb($to);
for ($y = 0; $y < $h; $y++) {
    $t = $y / max(1, $h - 1);
    $c = imagecolorallocate($img, (int) ($r1 + ($r2 - $r1) * $t), (int) ($g1 + ($g2 - $g1) * $t), (int) ($b1 + ($b2 - $b1) * $t));
    imageline($img, 0, $y, $w, $y, $c);
}
for ($i = 0; $i < 7; $i++) {
    $c = imagecolorallocatealpha($img, mt_rand(0, 255), mt_rand(0, 255), mt_rand(0, 255), 70);
    $r = mt_rand((int) ($h / 10), (int) ($h / 3));
    imagefilledellipse($img, mt_rand(0, $w), mt_rand(0, $h), $r * 2, $r * 2, $c);
}
$band = imagecolorallocatealpha($img, 0, 0, 0, 90);
imagefilledrectangle($img, 0, (int) ($h * 0.8), $w, $h, $band);
$ok = str_ends_with($out, '.png') ? imagepng($img, $out, 9) : imagejpeg($img, $out, 80);
if (!$ok) {
    fwrite(STDERR, "image.php: could not write $out\n");
    exit(1);
}
