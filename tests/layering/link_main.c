/* The link check of one layer (CMakeLists.txt): the layer's whole library is linked with only
 * the layers below it, so this program links only when the layer calls nothing above it. */
int main(void)
{
    return 0;
}
